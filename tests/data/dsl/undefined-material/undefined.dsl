protocol "Undefined materials" domain wetlab
input culture
container tube
pellet = CENTRIFUGE(cultre, time: 1 min)
lysate = RESUSPEND(pellet, buffer: p1, volume: 100 uL, into: tube)
mixed = MIX(later)
later = MIX(lysate)
STORE(mixed, temperature: 4 degC)
