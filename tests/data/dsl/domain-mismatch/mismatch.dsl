protocol "Written for another domain" domain genetics
input culture
pellet = CENTRIFUGE(culture, time: 1 min)
