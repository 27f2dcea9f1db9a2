# Plasmid miniprep, written by hand as a reference program for the checker tests.
protocol "Plasmid miniprep" domain wetlab

input culture "E. coli overnight culture" 1.5 mL
input p1 "Buffer P1 (resuspension)" 10 mL
input p2 "Buffer P2 (lysis)" 10 mL
input n3 "Buffer N3 (neutralisation)" 10 mL
input eb "Buffer EB (elution)" 5 mL
container tube "1.5 mL microcentrifuge tube" capacity 1.5 mL
container column "spin column" capacity 800 uL
container fresh_tube "clean 1.5 mL tube" capacity 1.5 mL
device centrifuge "microcentrifuge"

cells = TRANSFER(culture, into: tube)  # step 1: pour the culture into a tube
sup, pellet = CENTRIFUGE(cells, force: 12000 xg, time: 2 min, temperature: 20 to 25 degC (default))  # step 2
DISCARD(sup)  # step 3
lysate = RESUSPEND(pellet, buffer: p1, volume: 250 uL)  # step 4
lysed = ADD(p2, lysate, volume: 250 uL, into: tube)  # step 5
MIX(lysed, method: "invert 4-6 times", time: unknown)  # step 6
neutralised = ADD(n3, lysed, volume: 350 uL, into: tube)  # step 7
debris, cleared = CENTRIFUGE(neutralised, force: 16000 x g, time: 10 min)  # step 8
DISCARD(debris)
bound = TRANSFER(cleared, volume: 750 uL, into: column)  # step 9
repeat 2 times {
    bound = WASH(bound, buffer: "PE", volume: 500 uL)  # step 10
}
dried = CENTRIFUGE(bound, force: 16000 xg, time: 1 min (suggested))  # step 11
dna = ELUTE(dried, buffer: eb, volume: 50 uL, into: fresh_tube)  # step 12
if "the DNA is to be stored" {
    STORE(dna, temperature: -20 degC, device: centrifuge)  # step 13
}
