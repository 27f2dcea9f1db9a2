protocol "Optional filtration" domain wetlab
input lysate
optional {
    filtrate = MIX(lysate)
}
if "the pellet is loose" {
    pellet = CENTRIFUGE(lysate, time: 1 min)
}
mixture = MIX(filtrate, pellet)
again = MIX(filtrate)
