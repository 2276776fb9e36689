# march: rv64gc_zba_zbb_zbc_zbs
# Zba/Zbb/Zbc/Zbs, including the aliases that change with Zbb
	.text
	sh1add a0, a1, a2
	sh2add.uw a0, a1, a2
	add.uw a0, a1, a2
	zext.w a0, a1
	slli.uw a0, a1, 3
	andn a0, a1, a2
	orn a0, a1, a2
	xnor a0, a1, a2
	clz a0, a1
	ctzw a0, a1
	cpop a0, a1
	max a0, a1, a2
	minu a0, a1, a2
	sext.b a0, a1
	sext.h a0, a1
	zext.h a0, a1
	rol a0, a1, a2
	rori a0, a1, 5
	roriw a0, a1, 31
	orc.b a0, a1
	rev8 a0, a1
	clmul a0, a1, a2
	clmulh a0, a1, a2
	clmulr a0, a1, a2
	bclr a0, a1, a2
	bseti a0, a1, 63
	binv a0, a1, a2
	bexti a0, a1, 5
