protocol "Bad marker" domain wetlab
input culture
pellet = CENTRIFUGE(culture, time: 1 min (guessed))
x = INCUBATE(pellet, time: 1 h, temperature: 37 degC) y = MIX(x)
