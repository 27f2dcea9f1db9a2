protocol "Overfilled containers" domain wetlab
input culture "overnight culture" 5 mL
input buffer
container tube "1.5 mL tube" capacity 1.5 mL
container well "well" capacity 200 uL
cells = TRANSFER(culture, into: tube)
a = ADD(buffer, volume: 150 uL, into: well)
b = ADD(buffer, a, volume: 100 uL, into: well)
STORE(cells, temperature: 4 degC)
STORE(b, temperature: 4 degC)
