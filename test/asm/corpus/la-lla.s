# la / lla / symbol loads and stores, local and external symbols
	.text
	.globl start
start:
	la a0, data1
	lla a1, data1+8
	la t0, ext_sym
	la s0, ext_sym-16
	lla a2, start
	la a3, 0x1234
	la a4, 0x12345678
	lb a0, data1
	lbu a1, data1+1
	lh a2, ext_sym
	lhu a3, data2
	lw a4, data2+4
	lwu a5, data1
	ld a6, ext_sym+8
	sb a0, data1, t0
	sh a1, data2, t1
	sw a2, ext_sym, t2
	sd a3, data1+16, t3
	flw fa0, data1, t0
	fld fa1, ext_sym, t1
	fsw fa2, data2, t2
	fsd fa3, data1, t3
	ret
	.data
data1:	.dword 1, 2, 3
data2:	.word 4, 5
