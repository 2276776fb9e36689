# load/store offset forms
	.text
	lb a0, 0(a1)
	lh a0, -2048(a1)
	lw a0, 2047(a1)
	ld a0, (a1)
	lbu a0, 12(sp)
	lhu a0, +4(a1)
	lwu a0, (4)(a1)
	sb a0, 0(a1)
	sh a0, -1(a1)
	sw a0, 100(a1)
	sd a0, (a1)
	.equ OFF, 16
	ld a0, OFF(sp)
	sd a0, OFF+8(sp)
	lw a0, OFF*2(a1)
