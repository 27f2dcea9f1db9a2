protocol "Rebinding a used-up name: no report" domain wetlab
input culture
pellet = CENTRIFUGE(culture, time: 1 min)
pellet = WASH(pellet, volume: 500 uL)
culture = MIX(culture)
STORE(pellet, temperature: 4 degC)
STORE(culture, temperature: 4 degC)
