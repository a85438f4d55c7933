BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'Calls for the coaching programme') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXX XXXXXXXXXXXXX gettext(u'Calls for the coaching programme') XXXXX
  XXXX XXXXXXXXXX XXX XXXXXX
    XXXX XXXXXXXXXXXXXXXXX
      XX XXXXXXXXXXXXX gettext(u'Each year, about fifteen pilot social-economy enterprises are coached for a year while they build and carry out their digital transformation plan.') XXXX
      XXX XXXXXXXXXXX gettext(u'What the programme offers') XXXXX
      XXXX
        XXXX gettext(u'Individual coaching by multidisciplinary experts, who follow your enterprise all year long.') XXXXX
        XXXX gettext(u'A digital transformation plan built from your self-diagnostic, with its actions, milestones and progress.') XXXXX
        XXXX gettext(u"Intervisions: sessions where the cohort's enterprises learn from each other.") XXXXX
        XXXX gettext(u'A new diagnostic at the end, to measure how far you have come.') XXXXX
      XXXXX
      XXX XXXXXXXXXXX gettext(u'How to apply') XXXXX
      XXX gettext(u'An admin of the enterprise applies on the platform with a short motivation, while the call is open. The agency scores every application on the same criteria — transformational aim, feasibility, human resources, financial resources — and tells every applicant its decision by e-mail.') XXXX
      BB BBB BBBBBBBBBBBBBBBBBBBBB
        XXXXX XXXXXXBBB BBBBBBBBBBBBBBBXXXXXXFFFFFFFFFXX gettext(u'Log in to apply') XXXXXXXX
      BBBB BBB BBBBBBBB
        XX XXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Only an admin of an organisation applies for it. Register your organisation, or ask its admin.')  XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Register your organisation') XXXXXXXX
      BBBBB
    XXXXXX
  XXXXXX

  XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXX XXXXXXXXX XXXXXX gettext(u'Open calls') XXXXX
    BBB BBB BB BBBB
      XXXXXXXX XXXXXXXXXXX XXXXXXXXX XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXXX XXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX
          BBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBXXXXXXXBBBBBBBBBBBB
          XXX XXXXXXXXXX XXXXXX
            XXX XXXXXXXXXXXXXXXXX gettext(u'Apply until') XXXXX
            XXX XXXXXXXXXXXXXXXXXFFFFFFFFFFFFFFFFFFXXXXX
            XXX XXXXXXXXXXXXXXXXX gettext(u'Coaching') XXXXX
            XXX XXXXXXXXXXXXXXXXXFFFFFFFFFFFFFFFFFF X FFFFFFFFFFFFFFFFFFXXXXX
            XXX XXXXXXXXXXXXXXXXX gettext(u'Places') XXXXX
            XXX XXXXXXXXXXXXXXXXXXXXXX
            XXX XXXXXXXXXXXXXXXXX gettext(u'Individual coaching') XXXXX
            XXX XXXXXXXXXXXXXXXXX gettext(u'%(hours)s hours per enterprise') SSSSSSSSS SSSSS SSS SSSSSSSSSSXXXXX
          XXXXX
          BB BBBBBBBBBBBBBBB
            XX XXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Your organisations have applied. You will hear the decision by e-mail.') XXXX
          BBBB BBBBBBBB
            XX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBXX gettext(u'Apply') XXXXX XXXXXXXXXXXXXXXXXXXXXXXX X XXXXXXXXXXX
          BBBBB
        XXXXXX
      XXXXXXXXXX
    BBBBB
      XX XXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'No call is open at the moment. The next one will be announced here.') XXXX
    BBBBBB
  XXXXXXXXXX
BBBBBBBB BBBBBBB
