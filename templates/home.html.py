BBBBBBB BBBBBBBBBBB
BBBB BBBB BBBBBBBB
BBBBB BBBBB gettext(u'Digital transformation of the social economy') BBBBBBBB BBBBB

BBBBB BBBBBBB
  XXXXXXXX XXXXXXXXXXX XXX XXXXXX XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XX XXXXXXXXXXXXXXXXXXXXX XXXXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'Agence du Numérique · Digital Wallonia') XXXX
    XXX XXXXXXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXXXX XXXXXX gettext(u"DigitalEES: the digital transformation of Wallonia's social economy") XXXXX
    XX XXXXXXXXXXX XXXXXX
       gettext(u"Wallonia's digital agency helps the region's social-economy enterprises (EES) — associations, social-purpose companies and cooperatives, foundations and mutual societies — through their digital transformation: understanding what digital can do for them, measuring where they stand, planning, funding and sharing what works.") 
        SSSSSSSSSS SSSSSSS SSSSSS SSSSS SSS SSSSSSSS SSSSSSSSSSSSSS SSSSSSSSSSS SSSSS S
        SSSSSSSSSSSSS SSSSSSSSSSSSSS SSSSSSSSS SSS SSSSSSSSSSSSS SSSSSSSSSSS SSS SSSSSS
        SSSSSSSSS S SSSSSSS SSSSS SSSSSSS SSSSSSSSSSSSSSS SSSSSSSSSSSSS SSSS SSSSSSS SSS SS SSS
        SSSSS SSSSSSSSS SSSSS SSSS SSSSSS SSSSSSSSS SSSSSSS SSS SSSSSSS SSSS SSSSSS
      
    XXXX

    XXXX XXXXXXXXXXXXX XXXXXXXXX XXXXX XXXXXX
      XX XXXXXXXXXX XXXXXXXXXXX XXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'Take the self-diagnostic of digital maturity') XXXX
      BB BBBBBBBBBBBBBBBBBBBBB
        XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Go to your dashboard') XXXX
      BBBB
        XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBFFFFFFFFFXX gettext(u'Register your organisation') XXXX
      BBBBB
    XXXXXX
    XX XXXXXXXXXXXXX gettext(u'Free, with or without an account: you get your score, your maturity level and recommendations at once.') XXXX

    XXX XXXXXXXXX XXXXX XXXXXXXXXXXXXXXXXXX gettext(u'The programme so far') XXXXX
    XXX XXXXXXXXXXXXXXXXXXX XXX XXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXX XXXXXX
      BBB BBBBBB BB BBBBBBB
        XXXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXX
          XXXXXXXXX
          XXXXXXXXX
        XXXXXX
      BBBBBB
    XXXXX
    XX XXXXXXXXXXXXX
       gettext(u'Wallonia counts about %(enterprises)s social-economy enterprises.') 
        SSSSSSSS SSSSSS SSSSS SSSSSSSSSSSSSSS SSSSSSSSSSSSSS SSSSSSSSSSSS
      
      XX XXXXXXBBB BBBBBBBBBBBBXX gettext(u'The programme in figures') XXXX
    XXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXX gettext(u'Six objectives') XXXXX
    XX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'What the programme sets out to do, and what this platform supports step by step.') XXXX
    XXX XXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXX XXXXXXXXXXXXXX XXXXXXXXXXXX
      BBB BBBBBB BBBB BB BBBBBBBBBB
        XXX XXXXXXXXXXXX
          XXXX XXXXXXXXXXX XXXXXXXXXXXXXX XXXXX XXXXXXXXXXX
            XXXX XXXXXXXXXXXXXXXXXX
              XXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX XXXXX XXXXXX
                XXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
                XXX XXXXXXXXX XXXXXXXXXXX
              XXXXXX
              XX XXXXXXXXXXXXXXXXXXXXXX
            XXXXXX
          XXXXXX
        XXXXX
      BBBBBB
    XXXXX
  XXXXXXXXXX

  XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXX gettext(u'How to take part') XXXXX
    XXXX XXXXXXXXXX XXX XXXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXX
          XXX XXXXXXXXXXXXX gettext(u'Create your personal account with your work e-mail address.') XXXXX
          XXX XXXXXXXXXXXXX gettext(u'Register your organisation with its enterprise number (BCE/KBO), or accept the invitation a colleague sent you.') XXXXX
          XXX XXXXXXXXXXXXX gettext(u'Invite your colleagues, so that the whole team takes part.') XXXXX
        XXXXX
        XX XXXXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'Measure your digital maturity now') XXXXXXXX
        XX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'You can take the self-diagnostic without an account. The coaching and the grants will appear on your dashboard as they open.') XXXX
        XX XXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBXX gettext(u"The coaching programme's calls for pilot enterprises") XXXXXXXX
        XX XXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'The calls for digitalisation grants') XXXXXXXX
      XXXXXX
      XXXX XXXXXXXXXXXXXXXXX
        XXXX XXXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXXXX
          XXXX XXXXXXXXXXXXXXXXXX
            BB BBBBBBBBBBBBBBBBBBBBB
              XX XXXXXXXXXXXXXXXXXX gettext(u'Your organisations and what to do next are on your dashboard.') XXXX
              XX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBXX gettext(u'Go to your dashboard') XXXX
            BBBB
              XX XXXXXXXXXXXXXXXXXX gettext(u'Create an account to register your organisation and follow the programme.') XXXX
              XXXX XXXXXXXXXXXXX XXXXXXXXX XXXXXXX
                XX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBXX gettext(u'Create an account') XXXX
                XX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBXX gettext(u'I already have an account') XXXX
              XXXXXX
            BBBBB
          XXXXXX
        XXXXXX
      XXXXXX
    XXXXXX
  XXXXXXXXXX
BBBBBBBB BBBBBBB
