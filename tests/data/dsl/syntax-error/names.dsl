protocol "Names that are not names" domain wetlab
input culture "overnight culture" 1 mL
input repeat "a reserved word"
container if
2a = MIX(culture)
pellet, 3b = CENTRIFUGE(culture, time: 1 min)
times = MIX(unknown, time: 1 min)
