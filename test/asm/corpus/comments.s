# comments and separators
	.text
	nop # trailing comment
	/* block */ addi a0, a0, 1 /* another */
	addi a1, a1, 2; addi a2, a2, 3 ; nop
	/* multi
	   line
	   comment */ addi a3, a3, 4
label: # a label with a comment
	li a0, '#'
	li a1, ';'
	.ascii "# not a comment; not a separator"
	.align 2
lab2: lab3: nop
