# march: rv64gc
# automatic compression of ordinary mnemonics and pseudo expansions under C
	.text
f:
	addi sp, sp, -32
	sd ra, 24(sp)
	sd s0, 16(sp)
	addi s0, sp, 32
	li a0, 0
	li a1, 31
	li a2, -32
	li a3, 0x1000
	li a4, 0x12345678
	li a5, 0x123456789abc
	lui a0, 1
	lui a1, 0xfffff
	mv a0, a1
	add a0, a0, a1
	sub s0, s0, a5
	and a0, a0, a1
	or a2, a2, a3
	xor a4, a4, a5
	addw a0, a0, a1
	subw a1, a1, a0
	andi a0, a0, 5
	slli a0, a0, 3
	srli a1, a1, 63
	srai a2, a2, 1
	lw a0, 0(a1)
	ld a2, 8(a3)
	sw a0, 124(s1)
	sd a2, 248(s0)
	lw a0, 4(sp)
	ld ra, 24(sp)
	fld fa0, 8(sp)
	fsd fs0, 16(sp)
	fld fa1, 0(a0)
	fsd fa1, 8(a0)
	addiw a0, a0, 1
	sext.w a0, a0
	jr ra
	jalr a0
	ebreak
	nop
	beqz a0, f
	bnez s1, f
	j f
	ld s0, 16(sp)
	addi sp, sp, 32
	ret
	la a0, f
	call f
	sext.b a0, a1
	zext.w a0, a1
