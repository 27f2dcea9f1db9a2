input culture
pellet = CENTRIFUGE(culture, time: 1 min)
