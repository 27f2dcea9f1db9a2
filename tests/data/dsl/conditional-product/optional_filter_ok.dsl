protocol "Optional filtration, then unconditional" domain wetlab
input lysate
optional {
    filtrate = MIX(lysate)
    repeat 2 times {
        washed = MIX(filtrate)
    }
    kept = MIX(washed)
}
mixture = MIX(lysate)
dna = MIX(mixture)
if "the pellet is loose" {
    dna = MIX(dna)
}
eluate = ELUTE(dna, volume: 50 uL)
