protocol "Values outside the corpus' ranges" domain wetlab
input culture
pellet = CENTRIFUGE(culture, time: 10 h, force: 50000 xg, temperature: 4 degC)
warm = INCUBATE(pellet, time: 5 to 10 min, temperature: 120 degC)
STORE(warm, temperature: 4 degC)
