protocol "Negative amounts" domain wetlab
input culture "overnight culture" -1.5 mL
container tube "1.5 mL tube" capacity -1.5 mL
sup, pellet = CENTRIFUGE(culture, time: -5 min, temperature: -4 degC)
DISCARD(sup)
lysate = RESUSPEND(pellet, volume: -250 uL, into: tube)
value = MEASURE(lysate, concentration: -5 to 10 mM, ph: -0.5 pH)
