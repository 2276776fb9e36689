# call / tail / jump and jal/jalr forms
	.text
	.globl f
f:
	call f
	call g
	call ext_fn
	call t0, f
	call a0, ext_fn+4
	tail f
	tail ext_fn
	jump f, t1
	jump ext_fn, a5
	jal f
	jal ra, g
	jal t0, ext_fn
	j g
	jr ra
	jalr t0
	jalr a0, 8(a1)
	jalr ra, a2, 0
	jr t1, 4
	ret
g:	ret
	.weak wk
	call wk
	j wk
