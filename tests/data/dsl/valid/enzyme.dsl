protocol "Enzyme assay with optional controls" domain wetlab
input enzyme "enzyme stock" 100 uL
input substrate "substrate solution" 1 mL
input stop "stop solution"
container plate_well "microplate well" capacity 300 uL
device reader "plate reader"
device incubator "37 degC incubator"

reaction = ADD(substrate, volume: 180 uL, into: plate_well)  # step 1
started = ADD(enzyme, reaction, volume: 20 uL, into: plate_well)  # step 2
parallel {
    warm = INCUBATE(started, time: 30 min, temperature: 37 degC, device: incubator)  # step 3
}
optional {
    MEASURE(warm, method: "absorbance at 405 nm", ph: 7.4 pH)  # step 4
}
stopped = ADD(stop, warm, volume: 50 uL)  # step 5
MEASURE(stopped, method: "absorbance at 405 nm", concentration: 2 to 5 uM (suggested))  # step 6
STORE(stopped, temperature: 4 degC, time: 12 to 16 h (default))
