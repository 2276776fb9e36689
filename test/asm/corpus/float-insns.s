# floating-point instructions with and without rounding modes
	.text
	fadd.s fa0, fa1, fa2
	fadd.s fa0, fa1, fa2, rtz
	fsub.d fs0, fs1, fs2, rne
	fmul.d ft0, ft1, ft2, dyn
	fdiv.s fa3, fa4, fa5, rup
	fsqrt.d fa0, fa1
	fsqrt.s fa0, fa1, rmm
	fmadd.s fa0, fa1, fa2, fa3
	fmsub.d fa0, fa1, fa2, fa3, rdn
	fnmadd.s f0, f1, f2, f3
	fnmsub.d f4, f5, f6, f7
	fcvt.w.s a0, fa0
	fcvt.w.s a0, fa0, rtz
	fcvt.l.d a1, fa1, rtz
	fcvt.s.w fa0, a0
	fcvt.d.w fa0, a0
	fcvt.d.l fa0, a0
	fcvt.s.d fa0, fa1
	fcvt.d.s fa0, fa1
	fcvt.wu.d a0, fa0
	fcvt.lu.s a0, fa0
	fmv.x.w a0, fa0
	fmv.w.x fa0, a0
	fmv.x.d a0, fa0
	fmv.d.x fa0, a0
	feq.s a0, fa0, fa1
	flt.d a0, fa0, fa1
	fle.s a0, fa0, fa1
	fclass.d a0, fa0
	fmin.s fa0, fa1, fa2
	fmax.d fa0, fa1, fa2
	fsgnj.s fa0, fa1, fa2
	fsgnjn.d fa0, fa1, fa2
	fsgnjx.s fa0, fa1, fa2
	flw fa0, 4(a0)
	fsd fa1, -8(sp)
	flw fa0, (a0)
