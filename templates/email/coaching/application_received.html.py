BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Application received: %(cohort_name)s') SSSSSSSSSSS SSSSSSSSS SSSSSSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'We have received the application of %(organisation_name)s to the coaching programme “%(cohort_name)s”. Thank you.') SS SSSS SSSSSSSS SSS SSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSS SSSSSSSS SSSSSSSSS SSSSSSSSSSSSSSSSSS SSSSS SSSSXXXX
XXX gettext(u'Your motivation, as you sent it:') XXXX
XXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXX
XXX gettext(u"The call closes on %(closes)s. The agency then scores every application on the programme's criteria (transformational aim, feasibility, human resources, financial resources) and tells each applicant its decision by e-mail, before the coaching starts on %(starts)s.") SSS SSSS SSSSSS SS SSSSSSSSSSS SSS SSSSSS SSSS SSSSSS SSSSS SSSSSSSSSSS SS SSS SSSSSSSSSSS SSSSSSSS SSSSSSSSSSSSSSSSS SSSS SSSSSSSSSSSS SSSSS SSSSSSSSSS SSSSSSSSS SSSSSSSSSS SSS SSSSS SSSS SSSSSSSSS SSS SSSSSSSS SS SSSSSSS SSSSSS SSS SSSSSSSS SSSSSS SS SSSSSSSSSSSXXXX
XXXXX XXXXXXXX gettext(u"The programme's open calls") XXXXXXXX
BBBBBBBB BBBB
