BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'Self-diagnostic of digital maturity') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXX gettext(u'Self-diagnostic of digital maturity') XXXXX
  BB BBBBBBBBBBBBB
    XX XXXXXXXXXXXXX gettext(u'Find out where your organisation stands with digital tools, and what to do next.') XXXX

    XXX XXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX XXX XXXXX XXXXXXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXX
        XXXX gettext(u'What it is') XXXXX
        XXX XXXXXXXXXXXXX
          BB BBBBBBBBBBBBBBBBBBBB
             ngettext(u'%(low)s to %(high)s questions in %(counter)s part, one page each', u'%(low)s to %(high)s questions in %(counter)s parts, one page each', count) SSSSSSS SS SSSSSSSS SSSSSSSSS SS SSSSSSSSSSS SSSSS SSS SSSS SSSSPPPPPPP PP PPPPPPPP PPPPPPPPP PP PPPPPPPPPPP PPPPPP PPP PPPP PPPP
          BBBB
             ngettext(u'%(questions)s questions in %(counter)s part, one page each', u'%(questions)s questions in %(counter)s parts, one page each', count) SSSSSSSSSSSSS SSSSSSSSS SS SSSSSSSSSSS SSSSS SSS SSSS SSSSPPPPPPPPPPPPP PPPPPPPPP PP PPPPPPPPPPP PPPPPP PPP PPPP PPPP
          BBBBB
        XXXXX
      XXXXXX
      XXXX XXXXXXXXXXXX
        XXXX gettext(u'How long') XXXXX
        XXX XXXXXXXXXXXXX gettext(u'About %(minutes)s minutes; every answer is saved as soon as you give it.') SSSSS SSSSSSSSSSS SSSSSSSS SSSSS SSSSSS SS SSSSS SS SSSS SS SSS SSSS SSSXXXXX
      XXXXXX
      XXXX XXXXXXXXXXXX
        XXXX gettext(u'What you get') XXXXX
        XXX XXXXXXXXXXXXX gettext(u'Your results: a score per dimension, your maturity level, recommendations and, for an organisation, a comparison with similar EES.') XXXXX
      XXXXXX
    XXXXX

    BB BBBBBB
      XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXX XXXXXXXXXXX gettext(u'Resume where you left off') XXXXX
        XXX XXXXXXXXXXXXXXXXXXX
          BBB BBB BB BBBBBB
            BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB
          BBBBBB
        XXXXX
      XXXXXXXXXX
    BBBBB

    XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBX XXXXXXXXXXX XXXXXXXXX XXXXXX
      BBBBBBBBBB
      BB BBBBBBXXX XXXXXXXXXXX gettext(u'Or start a new diagnostic') XXXXXBBBBB
      BB BBBBBBBBBBB
        XXXXXXXXX XXXXXXXXXXXXX
          XXXXXXX XXXXXXXXXXX gettext(u'Whom are you answering for?') XXXXXXXXX
          BBB BBBBBBBBBB BB BBBBBBBBBBB
            XXXX XXXXXXXXXXXXXXXXXXX
              XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXX XXXXXXXXBB BBBBBBBBBBBBB XXXXXXXBBBBBX
              XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX
            XXXXXX
          BBBBBB
          XXXX XXXXXXXXXXXXXXXXXXX
            XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXX
            XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX gettext(u'Just me, to try it (the result is not attached to an organisation)') XXXXXXXX
          XXXXXX
        XXXXXXXXXXX
      BBBB BBB BBBBBBBBBBBBBBBBBBBBB
        XX XXXXXXXXXXXXX gettext(u'You can answer without an account. Once you have your results, create an account to keep them and attach them to your organisation.') XXXX
      BBBBB
      XXXXX
        XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX BB BBBBBBXXXXXXXXXXXXXXXXXXXBBBBXXXXXXXXXXX XXXXXXBBBBBXXBB BBBBBB gettext(u'Start a new diagnostic') BBBB gettext(u'Start the diagnostic') BBBBBXXXXXXXXX
      XXXXXX
    XXXXXXX

    BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBB

    BB BBBBBBBBBBBBBBBBBBBBBB
      XXXXXXXX XXXXXXXXXXXXX
        XXXXXXXXX gettext(u'About this questionnaire') XXXXXXXXXX
        XX XXXXXXXXXXXXXFFFFFFFFFFFFFFFFFFFFFFXXXX
      XXXXXXXXXX
    BBBBB
  BBBB
    XXX gettext(u'The questionnaire is not published yet.') XXXX
  BBBBB
BBBBBBBB BBBBBBB
