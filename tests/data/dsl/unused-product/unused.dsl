protocol "Unused products" domain wetlab
input culture
sup, pellet = CENTRIFUGE(culture, time: 1 min)
repeat 2 times {
    pellet = WASH(pellet, volume: 1 mL)
}
extra = MIX(culture)
dna = ELUTE(pellet, volume: 50 uL)
