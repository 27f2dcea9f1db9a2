protocol "Duplicate names" domain wetlab
input culture
input culture
container tube
pellet = CENTRIFUGE(culture, time: 1 min, time: 2 min)
tube = MIX(pellet)
a, a = MIX(tube)
b = MIX(a)
b = MIX(culture)
culture = MIX(b)
STORE(culture, temperature: 4 degC)
