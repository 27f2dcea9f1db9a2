protocol "Missing parenthesis" domain wetlab
input culture
sup, pellet = CENTRIFUGE(culture, time: 10 min
DISCARD(sup)
