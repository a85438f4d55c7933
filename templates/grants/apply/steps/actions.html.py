BBBB BBBB BBBBBBBBBBBBBBBBB
XXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXX
  BBBBBBBBBB
  
  BB BBBBBBBBBBBBBBBBBBBBBXXXX XXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXFFFFFF FXXXXXXBBBBB
  BB BBBBBBBB
    BB BBBBBBBBBBB
      XXX gettext(u'Tick the actions of your transformation plan that this project carries out.') XXXX
    BBBB
      XXX gettext(u'Your transformation plan has no action yet: there is none to choose. You may go on.') XXXX
    BBBBB
    FFFFFFFFFFFFFFF
  BBBB
    XXX gettext(u'Your organisation has no transformation plan: there is no action to choose. You may go on.') XXXX
  BBBBB
  BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
XXXXXXXXXXXXX
