# march: rv64gc
# explicit compressed mnemonics, including branches to symbols
	.text
top:
	c.addi a0, 1
	c.li a1, -3
	c.lui a2, 0x1f
	c.mv a3, a4
	c.add a3, a4
	c.addi16sp sp, 64
	c.addi4spn a0, sp, 16
	c.slli a0, 4
	c.srli s1, 2
	c.srai a5, 63
	c.andi a4, -1
	c.lw a0, 4(a1)
	c.ld a0, 8(a1)
	c.sw a0, 4(a1)
	c.sd a0, 8(a1)
	c.lwsp a0, 4(sp)
	c.ldsp a0, 8(sp)
	c.swsp a0, 4(sp)
	c.sdsp a0, 8(sp)
	c.fld fa0, 8(a1)
	c.fsd fa0, 8(a1)
	c.fldsp fa0, 8(sp)
	c.fsdsp fa0, 8(sp)
	c.sub a0, a1
	c.xor a0, a1
	c.or a0, a1
	c.and a0, a1
	c.subw a0, a1
	c.addw a0, a1
	c.addiw a0, 1
	c.beqz a0, top
	c.bnez a1, 1f
	c.j top
	c.jr ra
	c.jalr a0
	c.nop
	c.ebreak
1:	c.j ext_target
	c.beqz a0, ext_target
