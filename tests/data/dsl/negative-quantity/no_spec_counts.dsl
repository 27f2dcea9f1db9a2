protocol "Counts and masses, no domain"
input cells
washed = WASH(cells, count: -3, mass: -2 mg, speed: -100 rpm)
spun = SPIN(washed, count: 2, force: -500 xg, mass_concentration: -1 mg/mL, percent: -5 %)
