protocol "Unknown units" domain wetlab
input culture 5 flurbs
pellet = CENTRIFUGE(culture, time: 10 minnutes, force: 3000 g)
STORE(pellet, temperature: 4 degC)
