protocol "Emptied before refilled: no report" domain wetlab
input buffer
container tube "1.5 mL tube" capacity 1.5 mL
a = ADD(buffer, volume: 1 mL, into: tube)
DISCARD(a)
b = ADD(buffer, volume: 1 mL, into: tube)
sup, pellet = CENTRIFUGE(b, time: 1 min)
DISCARD(sup)
c = ADD(buffer, pellet, volume: 1 mL, into: tube)
STORE(c, temperature: 4 degC)
