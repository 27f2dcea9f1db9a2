protocol "Unit mismatches" domain wetlab
input culture
container tube "tube" capacity 2 min
pellet = CENTRIFUGE(culture, time: 10 mL, force: 3000 rpm)
lysate = RESUSPEND(pellet, volume: 250, buffer: 5 mL)
warm = INCUBATE(lysate, time: "overnight", temperature: 37 degC)
STORE(warm, temperature: 4 degC)
