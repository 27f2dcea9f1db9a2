protocol "Unclosed block" domain wetlab
input culture
repeat 3 times {
    washed = WASH(culture, volume: 1 mL)
