BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBB BBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'New transformation plan — %(name)s') SSS SSSSSSSSSSSSSS SSSS S SSSSSSSSBBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXX
       gettext(u'New plan') BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBB
      XXX XXXXXXXXXXXXX gettext(u'New transformation plan — %(name)s') SSS SSSSSSSSSSSSSS SSSS S SSSSSSSSXXXXX
      XX XXXXXXXXXXXXX gettext(u'The plan the enterprise carries out during “%(cohort)s”: where it wants to be, its objectives, and the first actions.') SSS SSSS SSS SSSSSSSSSS SSSSSSS SSS SSSSSS SSSSSSSSSSSSS SSSSS SS SSSSS SS SSS SSS SSSSSSSSSSS SSS SSS SSSSS SSSSSSSSXXXX

      XXXXXXXX XXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXXXXX XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXX gettext(u'1. The starting diagnostic') XXXXX
          BB BBBBBBB
            XXX gettext(u"The plan starts from one of the enterprise's diagnostics: its weakest dimensions suggest the first actions, and the plan will show the change since then.") XXXX
            XXXXX XXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBXX
              XXXXXXXXXX
                XXXXXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXX XXXXXX gettext(u'Start from') XXXXXXXXX
                BBB BBBB BB BBBBBBB
                  XXXX XXXXXXXXXXXXXXXXXXX
                    XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXBB BBBBBB BB BBBBBBBBBBBBBBBBBBBBBBBB XXXXXXXBBBBBX
                    XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX
                       gettext(u'Diagnostic of %(date)s — overall score %(score)s/100') 
                        SSSSSSSSSS SS SSSSSSSS S SSSSSSS SSSSS SSSSSSSSSSSSS
                      BB BBBBBBBBBBBBB XXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'latest') XXXXXXXBBBBBBB BBBBBBBBBBBBBBBB B B X  ngettext(u'%(counter)s respondent', u'%(counter)s respondents', count) SSSSSSSSSSS SSSSSSSSSSPPPPPPPPPPP PPPPPPPPPPPBBBBB
                    XXXXXXXX
                  XXXXXX
                BBBBBB
                XXXX XXXXXXXXXXXXXXXXXXX
                  XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXBB BBBBBB BB BBBBBB XXXXXXXBBBBBX
                  XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX gettext(u'No diagnostic: start from a blank plan') XXXXXXXX
                XXXXXX
              XXXXXXXXXXX
              XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'Show the proposed actions') XXXXXXXXX
            XXXXXXX
          BBBB
            XX XXXXXXXXXXXXX gettext(u'The enterprise has no diagnostic yet: the plan starts blank, without proposed actions, and will show no change per dimension. You may add actions once it is created.') XXXX
          BBBBB
        XXXXXX
      XXXXXXXXXX

      XXXXXXXX XXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXX XXXXX
          XXX XXXXXXXXXXXXXXXXXXXX XXXXXXXXXXX gettext(u'2. Vision, objectives and first actions') XXXXX
          BB BBBBBB
            XXX gettext(u'Starting from the diagnostic of %(date)s.') SSSSSSSS SSSS SSS SSSSSSSSSS SS SSSSSSSSSXXXX
          BBBB BBBBBBB
            XXX gettext(u'Without a starting diagnostic: the plan starts blank, without proposed actions.') XXXX
          BBBBB
          BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBB
          XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBX XXXXXXXXXXX
            BBBBBBBBBB
            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXX
            FFFFFFFFFFFFFFF
            FFFFFFFFFFFFFFF
            BB BBBBBBBBBBBBBB
              XXXXXXXXX XXXXXXXXXXXXX
                XXXXXXX XXXXXXXXXXX XXXXXXXXXXXXX gettext(u'Proposed first actions') XXXXXXXXX
                XX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX gettext(u'For the weakest dimensions of the diagnostic. Untick those you do not want; you may change their titles.') XXXX
                BBB BBBBBBBBB BBBBB BBBBB BB BBBBBBBBBBBBBBBBBB
                  XXXX XXXXXXXXXXXXX XXXXXXX XXX XXXXXX
                    XXXX XXXXXXXXXXXXXXXXXXX
                      XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXX XXXXXBB BBBBBBBBBB XXXXXXXBBBBB XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                      XXXXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXX gettext(u'Add an action for “%(dimension)s”') SSS SS SSSSSS SSS SSSSSSSSSSSSSSSXXXXXXXX
                    XXXXXX
                    XX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'Score %(score)s/100.') SSSSS SSSSSSSSSSSSSS XXXX
                    FFFFFFFFFFFFFFF
                  XXXXXX
                BBBBBB
              XXXXXXXXXXX
            BBBB BBBBBB
              XXX gettext(u'No dimension of this diagnostic scores below 70: no action is proposed. You may add actions once the plan is created.') XXXX
            BBBBB
            XXXX XXXXXXXXXXXXX XXXXXXXXX XXXXX XXXXXX
              XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX gettext(u'Create the plan') XXXXXXXXX
              XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXX gettext(u'Cancel') XXXX
            XXXXXX
          XXXXXXX
        XXXXXX
      XXXXXXXXXX
    XXXXXX
  XXXXXX
BBBBBBBB BBBBBBB
