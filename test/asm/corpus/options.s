# .option rvc/norvc/push/pop/arch
	.text
	addi a0, a0, 1
	.option push
	.option rvc
	addi a0, a0, 1
	li a1, 5
	mv a2, a3
	.option pop
	addi a0, a0, 1
	.option rvc
	add a0, a0, a1
	.option norvc
	add a0, a0, a1
	.option push
	.option arch, +c
	add a0, a0, a1
	.option pop
	.option arch, +zba
	sh1add a0, a1, a2
	.option relax
	.option norelax
	nop
