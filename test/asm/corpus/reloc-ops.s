# %hi %lo %pcrel_hi %pcrel_lo
	.text
	lui a0, %hi(sym)
	addi a0, a0, %lo(sym)
	lw a1, %lo(sym)(a0)
	sw a1, %lo(sym+4)(a0)
	lui a2, %hi(sym + 0x800)
	addi a2, a2, %lo(sym + 0x800)
	lui a3, %hi(0x12345678)
	addi a3, a3, %lo(0x12345678)
	lui a3, %hi(0xfffff800)
.Lpc0:	auipc a4, %pcrel_hi(sym)
	addi a4, a4, %pcrel_lo(.Lpc0)
1:	auipc a5, %pcrel_hi(local_data+12)
	ld a5, %pcrel_lo(1b)(a5)
	sd a5, %pcrel_lo(1b)(a5)
	flw fa0, %lo(sym)(a0)
	fsd fa0, %lo(sym)(a0)
	li a0, %lo(sym)
	.data
local_data:
	.dword 0, 0
