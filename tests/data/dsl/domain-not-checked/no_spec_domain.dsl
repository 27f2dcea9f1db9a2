protocol "A domain without a bundled spec" domain basket_weaving
input reed
mat = WEAVE(reed, time: 2 h)
