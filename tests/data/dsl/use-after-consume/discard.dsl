protocol "Use after discard" domain wetlab
input culture
sup, pellet = CENTRIFUGE(culture, time: 1 min)
DISCARD(sup)
lysate = RESUSPEND(pellet, buffer: sup, volume: 100 uL)
STORE(lysate, temperature: 4 degC)
