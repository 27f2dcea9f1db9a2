protocol "Cold storage" domain wetlab
input lysate "lysate" 1 mL
STORE(lysate, temperature: -20 degC, time: 0 min)
cold = INCUBATE(lysate, temperature: -20 to -4 degC, time: 10 min)
