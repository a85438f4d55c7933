BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBB
BBBBB BBBB
XXXBB BBBBBBB ngettext(u'This action of your transformation plan is overdue and still open:', u'These actions of your transformation plan are overdue and still open:', count) SSSS SSSSSS SS SSSS SSSSSSSSSSSSSS SSSS SS SSSSSSS SSS SSSSS SSSSSPPPPP PPPPPPP PP PPPP PPPPPPPPPPPPPP PPPP PPP PPPPPPP PPP PPPPP PPPPPBBBB ngettext(u'This action of your transformation plan is due within 7 days:', u'These actions of your transformation plan are due within 7 days:', count) SSSS SSSSSS SS SSSS SSSSSSSSSSSSSS SSSS SS SSS SSSSSS S SSSSSPPPPP PPPPPPP PP PPPP PPPPPPPPPPPPPP PPPP PPP PPP PPPPPP P PPPPPBBBBBXXXX
XXXX
BBB BBBBBB BB BBBBBBBXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'Due on %(date)s · status: %(status)s') SSS SS SSSSSSSS S SSSSSSS SSSSSSSSSSXXXXX
BBBBBBXXXXX
XXX ngettext(u'If it is done, mark it done; if it needs more time, give it a new due date: you will be reminded of that one.', u'Those that are done, mark them done; give those that need more time a new due date: you will be reminded of it.', count) 
  SS SS SS SSSSS SSSS SS SSSSS SS SS SSSSS SSSS SSSSS SSSS SS S SSS SSS SSSSS SSS SSSS SS SSSSSSSS SS SSSS SSSS

  PPPPP PPPP PPP PPPPP PPPP PPPP PPPPP PPPP PPPPP PPPP PPPP PPPP PPPP P PPP PPP PPPPP PPP PPPP PP PPPPPPPP PP PPP
XXXX
BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBBBBB BBBB
