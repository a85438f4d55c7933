 #
 #
 #
BBBB BBBB BBBBBBBBBBBBBBBXXXXXXXX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
  XXXX XXXXXXXXXXXXX XXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXX XXXXX XXXXXX
    XXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXX gettext(u'My organisations') XXXXX
    BB BBBBBBBBBBB
      XX XXXXXXXXXX XXXXXX XXXXXXXXXXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Register another organisation') XXXX
    BBBBB
  XXXXXX

  BB BBBBBBBBBBB
    XXX XXXXXXXXXX XXXXXXXXXX XXXXXXXXXXXXX XXX XXXXXXXXXXXXXX XXXXXXXXXXXX
      BBB BBBBBBBBBB BB BBBBBBBBBBB
        BBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
          XXX XXXXXXXXXXXX
            XXXXXXXX XXXXXXXXXXX XXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX
              XXXX XXXXXXXXXXXXXXXXXX
                XXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX XXXXX XXXXXX
                  XXX XXXXXXXXXXXXXXX XXXXXXXXX XXXXXX
                    XX XXXXXXXXXXXX
                  XXXXX
                  XXXXX XXXXXXXXXXXX BB BBBBBBBBBBBBBBB BB BBBBBBBXXXXXXXXXXXXXXXBBBBXXXXXXXXXXXXX XXXXXXBBBBBXXXXXXXXX
                XXXXXX
                XX XXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX XXXXXX
                   ngettext(u'%(counter)s member', u'%(counter)s members', count) 
                    SSSSSSSSSSS SSSSSS
                  
                    PPPPPPPPPPP PPPPPPP
                  
                  BB BBBBBBBBBBBBBBBBBBBBB BBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
                    X
                     ngettext(u'%(counter)s pending invitation', u'%(counter)s pending invitations', count) 
                      SSSSSSSSSSS SSSSSSS SSSSSSSSSS
                    
                      PPPPPPPPPPP PPPPPPP PPPPPPPPPPP
                    
                  BBBBB
                XXXX

                BB BBBBBBBBBBBBBBBBBBBBBBBB
                  XX XXXXXXXXXXXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Digital maturity: %(score)s/100 on %(date)s') SSSSSSS SSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSXXXX
                  XXXX
                BBBBB
                XXX XXXXXXXXXXX gettext(u'Next steps') XXXXX
                XXX XXXXXXXXXXXXX
                  BB BBBBBBBBBBBBBBBBBBBBB
                    XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBXX gettext(u"Complete or update the organisation's profile") XXXXXXXXX
                    BB BBBBBBBBBBBBBBBBBBBBBBB BB B
                      XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Invite your colleagues') XXXXXXXXX
                    BBBBB
                    XXXXXX XXXXXXXX gettext(u'See the organisation, its members and its coaches') XXXXXXXXX
                  BBBB
                    XXXXXX XXXXXXXX gettext(u'See the organisation, its members and its coaches') XXXXXXXXX
                  BBBBB
                  BB BBBBBBBBBBBBBBBBBBBBBBBB
                    XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Follow the diagnostic campaign in progress') XXXXXXXXX
                  BBBB BBBBBBBBBBBBBBBBBBBBBBBB
                    XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBXX gettext(u'See the diagnostic results over time') XXXXXXXXX
                  BBBB
                    XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'Take the self-diagnostic of digital maturity') XXXXXXXXX
                  BBBBB
                XXXXX
                BBB BBBBBBBBBBB BB BBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
              XXXXXX
            XXXXXXXXXX
          XXXXX
        BBBBBBB
      BBBBBB
    XXXXX
    BB BBBBBBBBBB
      XXXX XXXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXX XXXXXX
        XXXX XXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXX gettext(u'The coaching programme is looking for pilot enterprises') XXXXX
          XXX XXXXXXXXXXXXX
            BBB BBBBBB BB BBBBBBBBBB
              XXXX gettext(u'%(name)s: apply until %(date)s') SSSSSSSSS SSSSS SSSSS SSSSSSSSXXXXX
            BBBBBB
          XXXXX
          XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBXX gettext(u'See the open calls and apply') XXXX
        XXXXXX
      XXXXXX
    BBBBB
    BB BBBBBBBBBBB
      XXXX XXXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXX XXXXXX
        XXXX XXXXXXXXXXXXXXXXXX
          XXX XXXXXXXXXXX gettext(u'Digitalisation grants: calls open') XXXXX
          XXX XXXXXXXXXXXXX
            BBB BBBB BB BBBBBBBBBBB
              XXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBXXFFFFFFFFFFXXXX X  gettext(u'apply until %(date)s') SSSSS SSSSS SSSSSSSSXXXXX
            BBBBBB
          XXXXX
          XX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'See the calls for grants') XXXX X XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'My grant applications') XXXX
        XXXXXX
      XXXXXX
    BBBB
      XX XXXXXXXXXXXXXXXXXXXXXXXXXX XXXXX XXXX XXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'My grant applications') XXXX X XX XXXXXXBBB BBBBBBBBBBBBBBBBBBXX gettext(u'The calls for digitalisation grants') XXXXXXXX
    BBBBB
  BBBB
    XXXX XXXXXXXXXXX XXXXXXXX XXXXXXXXXXXXXXXXXX
      XXXX XXXXXXXXXXXXXXXX XXXXX
        XXX XXXXXXXXXXX gettext(u'You do not belong to an organisation yet') XXXXX
        XXX gettext(u'Register your social-economy enterprise to take part in the programme: you will become its admin and can invite your colleagues.') XXXX
        XX XXXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'If a colleague has already registered it, ask them to invite you: the invitation arrives by e-mail.') XXXX
        XX XXXXXXXXXX XXXXXXXXXXXX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBXX gettext(u'Register your organisation') XXXX
      XXXXXX
    XXXXXX
  BBBBB
XXXXXXXXXX
