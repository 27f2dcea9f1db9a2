protocol "Unit mismatch without a spec"
input culture
pellet = SPIN(culture, time: 10 mL, speed: 3000 rpm)
STORE(pellet, temperature: 4 degC)
