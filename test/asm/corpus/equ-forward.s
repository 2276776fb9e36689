# symbols used before they are defined
	.text
	.word LATER
	.word later_label - here
here:	.word EARLY
	.equ EARLY, 12
	.set LATER, 0x55
	nop
later_label:
	ret
	.data
	.word LATER, EARLY
	.set ALIAS, here
	.word ALIAS
