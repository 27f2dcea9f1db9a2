protocol "Lower-case opcode" domain wetlab
input culture
pellet = centrifuge(culture, time: 1 min)
STORE(pellet, temperature: 4 degC)
