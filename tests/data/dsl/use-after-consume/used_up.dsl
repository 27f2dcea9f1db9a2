protocol "Use after a product was used up" domain wetlab
input culture
input p1
sup, pellet = CENTRIFUGE(culture, time: 1 min)
DISCARD(sup)
lysate = RESUSPEND(pellet, buffer: p1, volume: 100 uL)
cleared = CENTRIFUGE(lysate, time: 5 min)
again = MIX(lysate)
aliquot = TRANSFER(cleared, volume: 10 uL)
rest = MIX(cleared)
STORE(again, temperature: 4 degC)
STORE(aliquot, temperature: 4 degC)
STORE(rest, temperature: 4 degC)
