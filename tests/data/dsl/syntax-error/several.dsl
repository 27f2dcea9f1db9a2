protocol "Several syntax errors, one run" domain wetlab
input culture
input buffer
cells = TRANSFER(culture into: tube)
sup, pellet = CENTRIFUGE(culture, time: 5-10 min)
mixed = MIX(culture, method: gentle shaking)
repeat twice {
}
