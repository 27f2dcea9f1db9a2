protocol "Unknown slots" domain wetlab
input culture
pellet = CENTRIFUGE(culture, tme: 1 min, time: 1 min, colour: "blue")
DISCARD(pellet, volume: 1 mL)
