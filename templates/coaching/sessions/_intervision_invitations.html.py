BBBB BBBB BBBBBBBBBBBBBBBBB BBBBBBBBBBBB
  XXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
    XXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXX XXXXXX gettext(u'Invitations and attendance') XXXXX
    BB BBBBBBBBBBB
      XX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX gettext(u'%(invited)s invited · %(present)s present · %(absent)s absent · %(excused)s excused') SSSSSSSSSSS SSSSSSS S SSSSSSSSSSS SSSSSSS S SSSSSSSSSS SSSSSS S SSSSSSSSSSS SSSSSSSXXXX
      BB BBBBBBBBBBBBBBB
        XXXXX XXXXXXXXXXXXX XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBX XXXXXXXXXXX
          BBBBBBBBBB
          BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBBBB
           _("Invitations and attendance") 
            XXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXX
              XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Attendance of each person invited') XXXXXXXXXX
              XXXXXXX
                XXXX
                  XXX XXXXXXXXXXXX gettext(u'Person') XXXXX
                  XXX XXXXXXXXXXXX gettext(u'Attendance') XXXXX
                XXXXX
              XXXXXXXX
              XXXXXXX
                BBB BBBBBBBBBBB BBBBB BB BBBBBBBBBBBBBBBBBBBB
                  XXXX
                    XXX XXXXXXXXXXX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                    XXXX
                      XXXXXXXXXX
                        XXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Attendance of %(name)s') SSSSSSSSSS SS SSSSSSSSXXXXXXXXX
                        XXXX XXXXXXXXXXXXX XXXXXXXXX XXXXXXX
                          BBB BBBBBB BB BBBBB
                            XXXX XXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXXX
                              
                              XXXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXX
                            XXXXXX
                          BBBBBB
                        XXXXXX
                        BBB BBBBB BB BBBBBBBBBBBBXXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXBBBBBB
                      XXXXXXXXXXX
                    XXXXX
                  XXXXX
                BBBBBB
              XXXXXXXX
            XXXXXXXX
          BBBBBBBBBBBBBBBB
          XXXXXXX XXXXXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX gettext(u'Record the attendance') XXXXXXXXX
        XXXXXXX
      BBBB
        BBBBBBB BBBBBBBBBBB BB BBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBB
         _("Invitations and attendance") 
          XXXXXX XXXXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXX
            XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'People invited, by enterprise') XXXXXXXXXX
            XXXXXXX
              XXXX
                XXX XXXXXXXXXXXX gettext(u'Enterprise') XXXXX
                XXX XXXXXXXXXXXX gettext(u'People invited') XXXXX
              XXXXX
            XXXXXXXX
            XXXXXXX
              BBB BBBB BB BBBBB
                XXXX
                  XXX XXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX
                  XXXXBBB BBBBBBBBBB BB BBBBBBBBBBB BBB BBBBBBBBBBBBX BBBBBBBBBBBXXXXX
                XXXXX
              BBBBBB
            XXXXXXXX
          XXXXXXXX
        BBBBBBBBBBBBBBBB
        XX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'Attendance is recorded here once the intervision has started.') XXXX
      BBBBB
    BBBB
      XX XXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Nobody is invited yet.') BB BBB BBBBBBB XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBXX gettext(u"Invite the cohort's people") XXXXBBBBBXXXX
    BBBBB
  XXXXXXXXXX
BBBBB
