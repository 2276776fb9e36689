# march: rv64gch
# hypervisor instructions
	.text
	hfence.vvma
	hfence.gvma
	hfence.vvma a0, a1
	hfence.gvma a0
	hlv.b a0, (a1)
	hlv.hu a0, (a1)
	hlv.w a0, (a1)
	hlv.d a0, (a1)
	hlvx.wu a0, (a1)
	hsv.b a0, (a1)
	hsv.d a0, (a1)
	csrr a0, hstatus
	csrw hgatp, a0
	sret
	mret
	wfi
