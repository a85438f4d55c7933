BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB gettext(u'Diagnostic campaign of %(name)s') SSSSSSSSSS SSSSSSSS SS SSSSSSSSBBBBBBBB BBBBB

BBBBB BBBBBBB
  XX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'Self-diagnostic of digital maturity') XXXX
  XXXX gettext(u'Diagnostic campaign of %(name)s') SSSSSSSSSS SSSSSSSS SS SSSSSSSSXXXXX
  XX XXXXXXXXXXXXX
    BB BBBBBBBBBBBBBBBBBB
       gettext(u'%(opener)s opened this campaign for %(name)s on %(date)s: each person answers alone, and together your answers show where the organisation stands.') 
        SSSSSSSSSS SSSSSS SSSS SSSSSSSS SSS SSSSSSSS SS SSSSSSSSS SSSS SSSSSS SSSSSSS SSSSSS SSS SSSSSSSS SSSS SSSSSSS SSSS SSSSS SSS SSSSSSSSSSSS SSSSSSS
      
    BBBB
       gettext(u'This campaign for %(name)s was opened on %(date)s: each person answers alone, and together your answers show where the organisation stands.') 
        SSSS SSSSSSSS SSS SSSSSSSS SSS SSSSSS SS SSSSSSSSS SSSS SSSSSS SSSSSSS SSSSSS SSS SSSSSSSS SSSS SSSSSSS SSSS SSSSS SSS SSSSSSSSSSSS SSSSSSS
      
    BBBBB
  XXXX
  XXX XXXXXXXXXXXXX
    XXXX
      BB BBBBBBBBBBBBBBBBBBBB
         ngettext(u'%(low)s to %(high)s questions in %(counter)s part: about %(minutes)s minutes, saved as you go.', u'%(low)s to %(high)s questions in %(counter)s parts: about %(minutes)s minutes, saved as you go.', count) SSSSSSS SS SSSSSSSS SSSSSSSSS SS SSSSSSSSSSS SSSSS SSSSS SSSSSSSSSSS SSSSSSSS SSSSS SS SSS SSSPPPPPPP PP PPPPPPPP PPPPPPPPP PP PPPPPPPPPPP PPPPPP PPPPP PPPPPPPPPPP PPPPPPPP PPPPP PP PPP PPP
      BBBB
         ngettext(u'%(questions)s questions in %(counter)s part: about %(minutes)s minutes, saved as you go.', u'%(questions)s questions in %(counter)s parts: about %(minutes)s minutes, saved as you go.', count) SSSSSSSSSSSSS SSSSSSSSS SS SSSSSSSSSSS SSSSS SSSSS SSSSSSSSSSS SSSSSSSS SSSSS SS SSS SSSPPPPPPPPPPPPP PPPPPPPPP PP PPPPPPPPPPP PPPPPP PPPPP PPPPPPPPPPP PPPPPPPP PPPPP PP PPP PPP
      BBBBB
    XXXXX
    XXXX gettext(u'%(name)s sees only the aggregate of all answers (their mean and where views differ), never who answered what.') SSSSSSSS SSSS SSSS SSS SSSSSSSSS SS SSS SSSSSSS SSSSSS SSSS SSS SSSSS SSSSS SSSSSSSS SSSSS SSS SSSSSSSS SSSSSXXXXX
    XXXX gettext(u'Once you have submitted, you see the results of your own answers.') XXXXX
  XXXXX
  BB BBBBBBBBB
    XXXX XXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXX gettext(u'This campaign is closed: answers can no longer be added to it.') XXXXXX
  BBBB
    XX XXXXXXXXXX XXXXXXXXXXX XXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBBBXX gettext(u'Start answering') XXXX
  BBBBB
BBBBBBBB BBBBBBB
