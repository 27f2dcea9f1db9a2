protocol "Missing required slots" domain wetlab
input culture
pellet = CENTRIFUGE(culture, force: 12000 xg)
known = CENTRIFUGE(culture, force: 12000 xg, time: unknown)
lysate = RESUSPEND(pellet)
STORE(lysate, time: 1 h)
