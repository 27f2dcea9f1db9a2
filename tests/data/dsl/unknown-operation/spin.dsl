protocol "Unknown operations" domain wetlab
input culture
pellet = SPIN(culture, time: 1 min)
lysate = RESUSPND(pellet, volume: 100 uL)
mixed = FROBNICATE(lysate)
STORE(mixed, temperature: 4 degC)
