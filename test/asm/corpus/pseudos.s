# single-instruction pseudo-instructions of the assembly manual
	.text
	nop
	mv a0, a1
	not a2, a3
	neg a4, a5
	negw s0, s1
	sext.w t0, t1
	seqz t2, t3
	snez t4, t5
	sltz t6, a0
	sgtz a1, a2
	fmv.s fa0, fa1
	fabs.s fa2, fa3
	fneg.s fa4, fa5
	fmv.d fs0, fs1
	fabs.d fs2, fs3
	fneg.d fs4, fs5
	ret
	jr a0
	jalr a1
	csrr a0, mstatus
	csrw mtvec, a1
	csrs mie, a2
	csrc mip, a3
	csrwi mscratch, 5
	csrsi mstatus, 8
	csrci mstatus, 0x10
	rdcycle a0
	rdtime a1
	rdinstret a2
	frcsr a0
	fscsr a1
	fscsr a2, a3
	frrm a4
	fsrm a5
	fsrm t0, t1
	frflags t2
	fsflags t3
	fsflags t4, t5
	fence
	fence rw, rw
	fence iorw, iorw
	fence r, w
	fence.i
	fence.tso
	ecall
	ebreak
	sfence.vma
	sfence.vma a0
	sfence.vma a0, a1
	wfi
	mret
	sret
	csrr a0, 0x7c0
	csrrw a0, 0x7c1, a1
	csrrs zero, cycle, zero
	sext.b a0, a1
	sext.h a0, a1
	zext.h a0, a1
	zext.w a0, a1
	zext.b a0, a1
