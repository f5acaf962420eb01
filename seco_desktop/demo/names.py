"""Pools the demo generator draws from: given names, surname parts, places, jobs (data only).

Common given names and surnames of many origins (US, Irish, Hispanic, Portuguese, Italian, French
and Cajun, German, Nordic, Slavic, Greek and Armenian, Jewish, Arabic and Turkish, West and East
African, South Asian, Chinese, Korean, Japanese, Vietnamese, Filipino, Pacific Islander, Native
American) so search and sound-alike matching meet the shapes real records have: apostrophes,
hyphens, particles, double surnames and diacritics. They are name *parts*, not anyone's record;
the generator combines them at random. Places are real towns near installations with the right
ZIP prefixes; street numbers, phones (555-01xx) and mailboxes are fiction.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


# --- Surname parts by origin ------------------------------------------------------------------

SURNAMES: dict[str, tuple[str, ...]] = {
    "us": _words("""
        Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin
        Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott
        Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker
        Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Bailey Reed
        Kelly Howard Cox Ward Richardson Watson Brooks Wood James Bennett Gray Hughes Price Sanders
        Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson
        Barnes Fisher Hayes Simmons Patterson Jordan Graham Reynolds Hamilton Wallace Cole West
        Stevens Gibson Ellis Tucker Porter Hunter Hicks Crawford Boyd Mason Warren Dixon Burns
        Gordon Shaw Holmes Rice Robertson Hunt Black Daniels Palmer Mills Grant Knight Ferguson
        Stone Hawkins Dunn Perkins Hudson Spencer Stephens Pierce Hansen Wagner Harper Riley
        Carpenter Lane Andrews Weaver Fuller Lawrence Elliott Chapman Holland Webb Fletcher Day
        Armstrong Burke Sutton Bishop Lambert Barker Walters Curtis Newman Bowen Hale Fox Morrison
        Johnston Jonson Johnstone Simpson Payne Matthews Arnold Wells Franklin Greene Lynn Owens
        Harrison Gilbert Berry Howell Bradley Little Willis Jacobs Watkins Snyder Lucas Hart
        Cunningham Bryant Stanley Welch Carroll Austin Oliver Kennedy Warner Rhodes Woods Freeman
        Hoffman Chambers Castle Norris Schultz Ramsey Frazier Pearson Duncan Fields Ballard Vaughn
        Harvey Sherman Glover Dean Sharp Barton Casey Reeves Cross Bates Holt Walton Hines Goodwin
        Horton Summers Lowe Hardy Kirby Pratt Moss Parsons Norman Buchanan Marsh Whitaker Blake
        Hopkins Potter Higgins Lyons McBride Floyd Ingram Garner Steele Barrett Richards Gregory
        Caldwell Bradford Beasley Tate Pittman Mack Benson Harmon Pope Banks Rowe Doyle Holloway
        Sims Webster Lindsey Bush Page Dawson Bowman Chandler Oneal Osborne Rollins Goodman
        Wheeler Fowler Abbott Mullins Haynes Hammond Wolfe Terry Copeland Maxwell Strickland Moody
        Singleton Daugherty Blackwell Whitfield Merritt Pruitt Boone Holcomb Thornton Underwood
        Winters Yates Sheppard Montgomery Lamb Conner Tyler Waller Clayton Whitehead Sweet Dalton
        Wiggins Hendrix Bentley Fleming Mathis Madden Shelton Flowers Cash Randolph Gentry Stokes
        Hinton Vance Booker Marshall Kemp Kirkland Blevins Stroud Eaton Drake Brewer Coffey Greer
        Langley Whitley Sexton Ratliff Pickett Truitt Hatfield McCoy Ballentine Noble Starr Royal
        Winslow Sparks Swanson Keller Sheridan Stafford Bolton Crane Lott Everett Worthington
    """),
    "irish": _words("""
        O'Connor O'Brien O'Neill O'Sullivan O'Reilly O'Donnell O'Malley O'Hara O'Leary O'Keefe
        O'Dell O'Rourke O'Shea O'Toole O'Grady O'Callaghan O'Mahony O'Driscoll McCarthy McDonald
        MacDonald McKenzie MacKenzie McLaughlin McGrath McCormick McNamara McGuire McMahon
        MacLeod McIntyre MacIntyre McKay MacKay McAllister McCann McElroy McGowan McHugh
        McKinney McLean MacLean McNeil MacNeil McPherson Gallagher Doyle Byrne Ryan Walsh Quinn
        Flanagan Fitzgerald Fitzpatrick Donovan Brennan Keane Duffy Callahan Nolan Kavanagh
        Mulligan Sweeney Monaghan Kearney Moriarty Dunne Lynch Boyle Hogan Regan Buckley
        Costello Connolly Gilmore Kilpatrick Keegan Hennessy Mulcahy Shaughnessy Devlin Cassidy
        Finnegan Geraghty Heffernan Madigan Tierney Whelan Brady Carney Daly Farrell Flynn
    """),
    "hispanic": _words("""
        García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores
        Rivera Gómez Díaz Reyes Morales Cruz Ortiz Gutiérrez Chávez Ramos Ruiz Álvarez Mendoza
        Vásquez Castillo Jiménez Moreno Romero Herrera Medina Aguilar Vargas Guzmán Castro Ortega
        Muñoz Domínguez Delgado Rojas Soto Contreras Figueroa Salazar Espinoza Sandoval Núñez
        Ibarra Peña Cabrera Navarro Fuentes Cervantes Valenzuela Acosta Mejía Campos Estrada Vega
        Carrillo Orozco Rosales Ríos Luna Padilla Guerrero Molina Juárez Marín Robles Serrano
        Montoya Santiago Colón Quiñones Benítez Beltrán Velázquez Zamora Márquez Calderón
        Villarreal Trujillo Lozano Ochoa Meléndez Pacheco Córdova Bautista Rosario Cárdenas Báez
        Ayala Solís León Galván Barrios Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez
        Sanchez Ramirez Gomez Diaz Gutierrez Chavez Alvarez Vasquez Jimenez Nunez Mejia Rios
        Colon Velazquez Calderon Ybarra Arellano Avila Bernal Camacho Cisneros Duarte Escobar
        Esquivel Franco Gallegos Garza Lara Leal Macías Maldonado Mata Miranda Montes Nava Olvera
        Palacios Quintero Quintana Rangel Rentería Salinas Tapia Treviño Valdez Valencia Zúñiga
        Arroyo Barajas Bermúdez Carrasco Cortés Ceballos Echeverría Fajardo Hidalgo Iglesias
        Lucero Mondragón Ocampo Pineda Portillo Saavedra Segura Toledo Urbina Vallejo Villegas
    """),
    "portuguese": _words("""
        Silva Santos Oliveira Souza Pereira Costa Almeida Ferreira Carvalho Gonçalves Araújo
        Ribeiro Lima Barbosa Rocha Teixeira Mendes Moura Cardoso Azevedo Correia Pinto Monteiro
        Medeiros Tavares Machado Freitas Nascimento Magalhães Loureiro Sequeira Brandão Fonseca
        Figueiredo Vieira Antunes Cordeiro Simões Valente Amaral Coelho
    """),
    "italian": _words("""
        Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
        DeLuca D'Angelo D'Amico D'Alessandro D'Onofrio D'Agostino D'Antonio D'Ambrosio Mancini
        Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara
        Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola DeSantis
        Marchetti Parisi Villa Cattaneo Fabbri Bellini Palumbo Sorrentino Amato Messina
        Pellegrini Battaglia Fiore Benedetti Castellano Cirillo DiNapoli Falcone Ferraro Grasso
        Iannucci LaRocca Marchese Napolitano Orlando Pagano Raimondo Sabatini Tedesco Zanetti
    """),
    "french": _words("""
        Dubois Lefebvre Moreau Laurent Simon Michel Leroy Roux Bertrand Morel Fournier Girard
        Bonnet Dupont Fontaine Rousseau Vincent Lefèvre Faure André Mercier Blanc Guérin Boyer
        Garnier Chevalier François Legrand Gauthier Perrin Robin Clément Morin Roussel Mathieu
        Masson Marchand Duval Dumont Lemaire Noël Dufour Meunier Brun Blanchard Giraud Joly
        Rivière Brunet Gaillard Barbier Arnaud Thibodeaux Boudreaux Broussard Hébert Hebert
        LeBlanc Landry Guidry Fontenot Arceneaux Breaux Comeaux Guillory Trahan Robichaux Doucet
        Melançon Benoît Thériot Cormier Bergeron Babineaux Sonnier Lejeune Fruge Savoie
    """),
    "german": _words("""
        Müller Mueller Schmidt Schneider Fischer Weber Meyer Becker Schulz Hoffmann Schäfer
        Schaefer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger
        Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Köhler Huber Kaiser Fuchs
        Peters Lang Scholz Möller Weiß Weiss Jung Hahn Vogel Keller Günther Frank Berger Winkler
        Roth Beck Lorenz Baumann Franke Albrecht Schuster Ludwig Böhm Kraus Schumacher Krämer
        Vogt Stein Jäger Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Dietrich Engel
        Kuhn Pohl Ziegler Brenner Eichhorn Gärtner Hüber Kessler Lindner Oberle Pfeiffer Reinholt
        Sauer Stoltzfus Yoder Zeller
    """),
    "nordic": _words("""
        Johansson Andersson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
        Jonsson Björk Lindqvist Lindström Åberg Sjöberg Johansen Olsen Larsen Andersen Pedersen
        Nielsen Kristiansen Jensen Sørensen Rasmussen Jørgensen Halvorsen Berg Haugen Dahl Lund
        Nyström Ekström Holm Strand Bergström Sundberg Lindgren Engström Øberg Solberg Haraldsen
        Thorsen Gunnarsson Sigurðsson Magnusson Jónsdóttir Virtanen Korhonen Mäkinen Nieminen
        Hämäläinen Laine Koskinen Järvinen Lehtonen
    """),
    "slavic": _words("""
        Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański
        Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski
        Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski Stępień
        Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak Sikora Baran
        Novák Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec Ivanov Petrov
        Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov Pavlov Bondarenko
        Shevchenko Kovalenko Tkachenko Kravchenko Melnyk Kovalchuk Boyko Koval Jovanović
        Petrović Nikolić Marković Đorđević Horvat Kovačević Babić Marić Kowalewski Zawadzki
    """),
    "greek_armenian": _words("""
        Papadopoulos Georgiou Nikolaidis Pappas Katsaros Dimitriou Konstantinidis Alexiou Vlachos
        Karras Christodoulou Economou Galanis Kouris Sarkisian Petrosyan Hovhannisyan Grigoryan
        Harutyunyan Avetisyan Manukyan Kazarian Boyajian Der-Bedrosian Kalajian
    """),
    "jewish": _words("""
        Cohen Levy Levine Katz Goldberg Friedman Schwartz Rosenberg Shapiro Kaplan Weisz Horowitz
        Bernstein Greenberg Adler Feldman Rubin Stern Blum Weinstein Abramowitz Mizrahi Ben-David
        Ben-Ami Hirsch Lieberman Rosenthal Silverman Zuckerman
    """),
    "arabic_turkish": _words("""
        Haddad Khoury Nasser Saleh Hamdan Farah Mansour Aziz Abboud Ibrahim Youssef Hassan Hussein
        Mahmoud Abdullah Al-Sayed Al-Amin El-Amin Al-Masri Karam Sabbagh Najjar Darwish Bishara
        Saad Tahan Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan
        Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Ahmadi Hosseini Karimi Rahimi Moradi
    """),
    "african": _words("""
        Okafor Okonkwo Adeyemi Adebayo Nwosu Eze Obi Chukwu Okeke Mensah Asante Owusu Boateng
        Appiah Osei Agyeman Acheampong Darko Addo Kamara Koroma Conteh Sesay Bangura Diallo Diop
        N'Diaye Ndiaye Traoré Touré Keïta Coulibaly Cissé Sow Fall Mbeki Ndlovu Dlamini Nkosi
        Mokoena Khumalo Mwangi Kamau Otieno Ochieng Wanjiru Njoroge Kiprono Tesfaye Bekele Haile
        Tadesse Girma Alemu Abebe Mekonnen Mohamed Warsame Abdi Okoro Onyango Babatunde Afolabi
        Adewale Balogun Ogunleye Olawale Akinola Ojo Bello Musa Yusuf Abubakar Danjuma
        Oyelaran Nwachukwu Uchenna Ekwueme Ogbonna Nnaji Amadi Achebe Opoku Quaye Tetteh
    """),
    "south_asian": _words("""
        Patel Shah Singh Kumar Sharma Gupta Reddy Rao Nair Iyer Menon Desai Mehta Joshi Chopra
        Kapoor Malhotra Agarwal Banerjee Chatterjee Mukherjee Das Bose Ghosh Pillai Naidu Verma
        Mishra Pandey Trivedi Bhatt Kaur Chaudhry Khan Ahmed Hussain Ali Qureshi Siddiqui Rahman
        Chowdhury Hossain Islam Krishnan Subramanian Venkatesan Ramaswamy Jain Sethi Gill Dhillon
        Sandhu Grewal Perera Fernando Silva-Perera Jayasinghe
    """),
    "chinese": _words("""
        Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng
        Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du
        Ye Cheng Wei Su Ding Ren Shen Yao Cui Zhong Tan Fan Wong Chan Leung Lau Cheung Ng Chow
        Yip Tsang Kwok Chu Fong Louie Eng Chin Moy Tse Kwan Szeto Quan
    """),
    "korean": _words("""
        Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Oh Seo Shin Kwon Hwang Ahn Jeon Hong Yoo Ko
        Moon Son Bae Baek Heo Nam Noh Ryu Chung Byun
    """),
    "japanese": _words("""
        Satō Sato Suzuki Takahashi Tanaka Watanabe Itō Ito Yamamoto Nakamura Kobayashi Katō Kato
        Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe
        Ikeda Hashimoto Ishikawa Ogawa Okada Goto Hasegawa Murakami Kondo Ishii Saito Sakamoto
        Endo Aoki Fujii Nishimura Fukuda Ota Miura Fujiwara Okamoto Matsuda Nakagawa Higa
        Miyashiro Kaneshiro Shimabukuro Oshiro Tamashiro Kishimoto
    """),
    "vietnamese": _words("""
        Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Lâm
        Nguyen Tran Le Pham Hoang Huynh Vu Vo Dang Bui Do Ho Ngo Duong Ly Truong Dinh Lam Mai Cao
        Quach Thai Luu Vuong Ta Trinh
    """),
    "filipino": _words("""
        Bautista Ocampo Villanueva Aquino Mercado Dizon Manalo Gonzales Soriano Pascual
        Macaraeg Tolentino Galang Dimaculangan Pangilinan Magbanua Mangubat Lacson Buenaventura
        Evangelista Agustin Domingo Ignacio Sison Manalastas Fernandez Ilagan Mañalac Catacutan
        Sumagaysay Tuazon Lagman Yap Abad Alcantara Cayabyab Dimalanta Esguerra Maglaya
    """),
    "pacific": _words("""
        Kealoha Kahale Akana Kamakau Kahananui Kanahele Keawe Makoa Nakoa Kalani Ka'ahumanu
        Kamaka Keola Nāone Palakiko Tuiasosopo Fuimaono Leota Faleolo Sagapolutele Tuilagi
        Faamausili Aumua Tagaloa Mauga Salave'a Matagi Pouono Tupuola Tupou Fifita Taufa
        Vaipulu Havili Mahe Fonua Latu Moala Vainikolo Lolohea Fusitu'a Quinata Taitano Borja
        Blas Aguon Mendiola Sablan Tenorio Salas Cepeda Charfauros Manibusan Pangelinan Quitugua
        Dueñas Duenas Terlaje Unpingco Naivalu Ratuvou Kabua Note
    """),
    "native": _words("""
        Begay Yazzie Benally Tsosie Nez Attakai Bitsui Tohee Harjo Manuelito Goseyun Whitehorse
        Deschenie Joe Lente Silversmith Chee Etsitty
    """),
}

#: How often a surname comes from each origin (parts per thousand).
REGION_WEIGHTS: dict[str, int] = {
    "us": 420, "irish": 45, "hispanic": 150, "portuguese": 12, "italian": 35, "french": 30,
    "german": 45, "nordic": 18, "slavic": 25, "greek_armenian": 8, "jewish": 10,
    "arabic_turkish": 15, "african": 40, "south_asian": 20, "chinese": 25, "korean": 20,
    "japanese": 15, "vietnamese": 20, "filipino": 25, "pacific": 18, "native": 8,
}  # fmt: skip

#: Origins whose people often carry two surnames separated by a space ("García Márquez").
DOUBLE_SURNAME_REGIONS: tuple[str, ...] = ("hispanic", "portuguese", "filipino")

#: Surnames with a lower- or upper-case particle; the space is part of the name.
PARTICLE_SURNAMES: tuple[str, ...] = _lines("""
    de la Cruz
    de la Rosa
    de la Garza
    de la Fuente
    de los Santos
    de León
    de Jesús
    de Souza
    del Rosario
    del Valle
    del Toro
    dos Santos
    da Silva
    da Costa
    di Stefano
    de Vries
    de Jong
    de Boer
    de Groot
    van Dijk
    van der Berg
    van der Merwe
    van den Heuvel
    ten Brink
    Van Buren
    Van Horn
    Van Dyke
    Van Ness
    Van Pelt
    Von Ahn
    von Stein
    De Luca
    De Angelis
    Di Marco
    La Rosa
    La Salle
    Le Blanc
    Du Bois
    St. John
    St. Clair
    Mac Donald
    Leon Guerrero
    San Nicolas
    bin Rashid
    ibn Saud
""")

SUFFIXES: tuple[str, ...] = ("Jr", "Jr", "Jr", "Sr", "II", "III", "III", "IV")


# --- Given names ------------------------------------------------------------------------------

FEMALE_FIRST: dict[str, tuple[str, ...]] = {
    "us": _words("""
        Jessica Ashley Amanda Sarah Jennifer Emily Elizabeth Megan Lauren Rachel Stephanie Nicole
        Heather Samantha Brittany Amber Danielle Melissa Rebecca Kayla Katherine Catherine
        Kathryn Hannah Anna Madison Taylor Abigail Olivia Emma Ava Sophia Isabella Mia Charlotte
        Amelia Harper Evelyn Ella Chloe Grace Victoria Natalie Allison Alexis Kimberly Michelle
        Christina Kristen Kristin Christine Tiffany Courtney Erin Kelsey Lindsey Morgan Brooke
        Shelby Haley Hailey Caitlin Kaitlyn Katelyn Mary Patricia Linda Barbara Susan Karen
        Nancy Lisa Betty Sandra Donna Carol Ruth Sharon Laura Angela Deborah Shannon Crystal
        Monique Latoya Keisha Tamika Ebony Aaliyah Imani Jasmine Destiny Diamond Precious Shanice
        Ja'Nya Ke'Asia Mary-Kate Anne-Marie Lily Zoey Zoë Renée Chloé Noelle Claire Leah Sadie
        Savannah Paisley Skylar Aubrey Brianna Autumn Paige Jordan Jocelyn Bethany Whitney
        Candace Cassandra Dana Erica Felicia Gabrielle Holly Jacqueline Jillian Kara Kendra
        Leslie Mallory Marissa Meredith Molly Naomi Priscilla Raven Sabrina Tara Tessa Valerie
        Vanessa Wendy Yolanda Joy Hope Faith April Dawn Summer
    """),
    "hispanic": _words("""
        María Maria Sofía Sofia Isabel Valentina Camila Lucía Ximena Gabriela Daniela Mariana
        Alejandra Guadalupe Rosa Carmen Ana Inés Adriana Paola Yesenia Marisol Yolanda Leticia
        Araceli Beatriz Esperanza Itzel Nayeli Dulce Luz Pilar Rocío Concepción Ángela
        Juana Graciela Rosario Milagros Yadira Maribel Veronica Verónica
    """),
    "european": _words("""
        Björk Åsa Ingrid Astrid Sigrid Freja Solveig Liv Anneliese Jürgen Greta Heidi Katja Anja
        Noémie Hélène Élodie Margaux Marie-Claire Geneviève Francesca Giulia Chiara Alessandra
        Giovanna Agnieszka Małgorzata Katarzyna Zofia Oksana Natalia Svetlana Tatiana Irina
        Siobhan Aoife Niamh Saoirse Maeve Eleni Anastasia Dimitra Ani Lusine Miriam Shira Tova
    """),
    "african": _words("""
        Ngozi Chiamaka Adaeze Amara Chidinma Abena Akosua Ama Efua Adwoa Fatou Aminata Mariama
        Awa Zainab Amina Halima Nia Zuri Wanjiru Achieng Makena Thandiwe Nomvula Lindiwe
        Folasade Funmilayo Yetunde Oluwaseun Titilayo Hiwot Meron Selam Tigist Hodan Ifrah
    """),
    "asian": _words("""
        Mei Ling Xiu Ying Yan Hui Jing Li Na Ji-woo Seo-yeon Min-ji Ha-eun Soo-ah Yuna Eun-ji
        Yuki Aiko Hana Sakura Haruka Yumi Emiko Keiko Thảo Ngọc Lan Linh Hương Trang Phương
        Anh Mai Hoa Thi Priya Ananya Divya Kavya Lakshmi Meera Pooja Sanjana Shreya Nisha
        Fatima Aisha Mariam Noor Layla Yasmin Leyla Elif Zeynep Ayşe
    """),
    "pacific": _words("""
        Leilani Kailani Malia Noelani Kalena Makana Keala Pua Moana Lani Mele Losana Sina Tasi
        Ana-Lisa Vai Fetu Luisa Rosalinda Joaquina Maricel Rowena Lorna Jocelyn Marites Imelda
        Rhea Kristine Mylene Analyn
    """),
}

MALE_FIRST: dict[str, tuple[str, ...]] = {
    "us": _words("""
        James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel
        Matthew Anthony Mark Donald Steven Stephen Paul Andrew Joshua Kenneth Kevin Brian George
        Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Justin Scott
        Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler
        Aaron Adam Nathan Henry Douglas Zachary Peter Kyle Noah Ethan Jeremy Walter Christian
        Keith Roger Terry Austin Sean Shawn Shaun Gerald Carl Dylan Harold Jordan Jesse Bryan
        Lawrence Arthur Gabriel Bruce Logan Billy Joe Alan Juan Elijah Willie Albert Wayne Randy
        Mason Vincent Liam Roy Bobby Caleb Bradley Russell Lucas Hunter Cody Travis Derek Marcus
        DeShawn D'Andre De'Marcus Ja'Marcus Tyrone Darnell Jamal Malik Terrell Andre Reginald
        Cedric Dwayne Lamar Jean-Luc Jean-Pierre Chase Colton Garrett Wyatt Landon Grayson
        Brody Tanner Trevor Clayton Dustin Jared Brett Shane Corey Chad Todd Craig Troy
    """),
    "hispanic": _words("""
        José Jose Juan Luis Carlos Jesús Miguel Antonio Francisco Alejandro Manuel Ricardo
        Fernando Javier Eduardo Roberto Sergio Andrés Raúl Ramón Martín Héctor Joaquín Óscar
        Rubén Jorge Diego Santiago Mateo Emiliano Julián Guillermo Arturo Rafael Ignacio
        Gerardo Alfredo Ernesto Enrique Víctor Efraín Rogelio
    """),
    "european": _words("""
        Björn Søren Lars Anders Nils Erik Magnus Sven Jürgen Klaus Dieter Stefan Matthias
        François Étienne Mathéo René Benoît Luca Giuseppe Matteo Alessandro Lorenzo Giovanni
        Piotr Krzysztof Tomasz Łukasz Wojciech Dmitri Sergei Oleksandr Mykola Bohdan Nikos
        Konstantinos Dimitrios Aram Tigran Davit Eoin Ciarán Seamus Declan Cormac Oisín
        Yosef Avraham Eitan
    """),
    "african": _words("""
        Chinedu Emeka Obinna Chukwuemeka Ikenna Kwame Kofi Kwabena Yaw Kojo Mamadou Ousmane
        Moussa Ibrahima Cheikh Abdoulaye Sekou Tunde Olumide Oluwaseun Babajide Femi Adebayo
        Jelani Kamau Juma Baraka Thabo Sipho Themba Dawit Yonas Tesfaye Abdirahman Ahmed
    """),
    "asian": _words("""
        Wei Jun Hao Ming Jian Lei Tao Chen Min-jun Seo-jun Ji-ho Do-yoon Hyun-woo Joon Jae
        Hiroshi Takeshi Kenji Haruto Yuto Ren Daiki Sho Minh Đức Huy Khoa Long Tuấn Bảo Quang
        Dũng Arjun Rohan Vikram Aditya Rahul Sanjay Rajesh Amit Sunil Omar Yusuf Karim Tariq
        Hassan Ali Mehmet Mustafa Emre Burak
    """),
    "pacific": _words("""
        Kainoa Keoni Makoa Kekoa Ikaika Koa Kalani Mana Noa Sione Tevita Viliami Sefo Tavita
        Ioane Pita Mikaele Leota Iosefa Joaquin Jesse Rodel Jericho Ramil Marlon Arnel Rommel
        Dexter Jomar Efren
    """),
}

#: Surname origin -> which given-name pool fits it best (the rest draw from "us").
FIRST_POOL_FOR_REGION: dict[str, str] = {
    "us": "us", "irish": "us", "hispanic": "hispanic", "portuguese": "hispanic",
    "italian": "european", "french": "european", "german": "european", "nordic": "european",
    "slavic": "european", "greek_armenian": "european", "jewish": "european",
    "arabic_turkish": "asian", "african": "african", "south_asian": "asian", "chinese": "asian",
    "korean": "asian", "japanese": "asian", "vietnamese": "asian", "filipino": "pacific",
    "pacific": "pacific", "native": "us",
}  # fmt: skip


# --- Places -----------------------------------------------------------------------------------

#: "STATE|City|ZIP" where ZIP is the first three digits (the rest are made up) or all five.
#: Towns by installations appear several times so they dominate, as they do in SECO's work.
DOMESTIC_PLACES: tuple[str, ...] = _lines("""
    AL|Enterprise|363
    AL|Huntsville|358
    AK|Anchorage|995
    AK|Fairbanks|997
    AZ|Sierra Vista|856
    AZ|Tucson|857
    AR|Jacksonville|720
    CA|San Diego|921
    CA|San Diego|921
    CA|Oceanside|920
    CA|Oceanside|920
    CA|Twentynine Palms|922
    CA|Monterey|939
    CA|Fairfield|945
    CO|Colorado Springs|809
    CO|Colorado Springs|809
    CO|Aurora|800
    CT|Groton|063
    DE|Dover|199
    DC|Washington|200
    FL|Jacksonville|322
    FL|Pensacola|325
    FL|Niceville|325
    FL|Tampa|336
    GA|Columbus|319
    GA|Hinesville|313
    GA|Kingsland|315
    GA|Valdosta|316
    HI|Honolulu|968
    HI|Kaneohe|967
    HI|Wahiawa|967
    ID|Mountain Home|836
    IL|O'Fallon|622
    IL|North Chicago|600
    IN|Indianapolis|462
    IA|Des Moines|503
    KS|Junction City|664
    KS|Leavenworth|660
    KY|Clarksville|422
    KY|Radcliff|401
    LA|Leesville|714
    LA|Bossier City|711
    ME|Brunswick|040
    MD|Odenton|211
    MD|Lexington Park|206
    MA|Bourne|025
    MI|Grayling|497
    MN|Little Falls|563
    MS|Biloxi|395
    MS|Columbus|397
    MO|Waynesville|655
    MO|Knob Noster|653
    MT|Great Falls|594
    NE|Bellevue|680
    NV|Las Vegas|891
    NV|Fallon|894
    NH|Portsmouth|038
    NJ|Trenton|086
    NM|Alamogordo|883
    NM|Clovis|881
    NY|Watertown|136
    NY|West Point|109
    NC|Fayetteville|283
    NC|Fayetteville|283
    NC|Jacksonville|285
    NC|Jacksonville|285
    NC|Goldsboro|275
    ND|Minot|587
    ND|Grand Forks|582
    OH|Fairborn|453
    OK|Lawton|735
    OK|Altus|735
    OR|Portland|972
    PA|Carlisle|170
    RI|Newport|028
    SC|Sumter|291
    SC|Beaufort|299
    SC|Goose Creek|294
    SD|Rapid City|577
    TN|Clarksville|370
    TN|Millington|380
    TX|Killeen|765
    TX|Killeen|765
    TX|El Paso|799
    TX|El Paso|799
    TX|San Antonio|782
    TX|San Antonio|782
    TX|Del Rio|788
    TX|Abilene|796
    UT|Layton|840
    VT|Burlington|054
    VA|Norfolk|235
    VA|Norfolk|235
    VA|Virginia Beach|234
    VA|Virginia Beach|234
    VA|Chesapeake|233
    VA|Fredericksburg|224
    VA|Alexandria|223
    VA|Petersburg|238
    WA|Tacoma|984
    WA|Lakewood|984
    WA|Oak Harbor|982
    WA|Bremerton|983
    WV|Martinsburg|254
    WI|Sparta|546
    WY|Cheyenne|820
""")

TERRITORY_PLACES: tuple[str, ...] = _lines("""
    PR|San Juan|009
    PR|Bayamón|009
    PR|Ponce|007
    PR|Aguadilla|006
    GU|Dededo|96929
    GU|Tamuning|96913
    GU|Yigo|96929
    VI|Charlotte Amalie|00802
    VI|Christiansted|00820
    AS|Pago Pago|96799
    MP|Saipan|96950
""")

STREET_NAMES: tuple[str, ...] = _words("""
    Oak Maple Pine Cedar Elm Walnut Willow Birch Magnolia Dogwood Hickory Sycamore Aspen Spruce
    Washington Lincoln Jefferson Madison Monroe Jackson Franklin Liberty Independence Patriot
    Eagle Freedom Victory Heritage Pioneer Sentinel Meadow Ridge Lake River Spring Hillcrest
    Sunset Highland Harbor Bay Ocean Canyon Mesa Prairie Valley Forest Park Church Main Mill
""")
STREET_TYPES: tuple[str, ...] = _words("St Ave Rd Dr Ln Ct Blvd Way Pl Cir Loop Trl")


# --- Education, work, credentials, skills ---------------------------------------------------

INSTITUTIONS: tuple[str, ...] = _lines("""
    Central Texas College
    Coastline Community College
    Fayetteville Technical Community College
    Tidewater Community College
    Pikes Peak State College
    Pierce College
    Embry-Riddle Aeronautical University
    University of Maryland Global Campus
    Park University
    Trident Technical College
    Coastal Carolina Community College
    Honolulu Community College
    Austin Peay State University
    Columbia College
    Thomas Edison State University
    Excelsior University
    Old Dominion University
    San Diego City College
    El Paso Community College
    Hawaii Pacific University
    Universidad de Puerto Rico
    Troy University
    Saint Leo University
    Webster University
    Liberty High School
    Lincoln High School
    Roosevelt High School
    Kennedy High School
    Heritage Career Institute
    Bright Path Vocational School
""")
FIELDS_OF_STUDY: tuple[str, ...] = _lines("""
    Nursing
    Business Administration
    Early Childhood Education
    Elementary Education
    Accounting
    Information Technology
    Cybersecurity
    Psychology
    Social Work
    Medical Assisting
    Dental Hygiene
    Human Resources
    Criminal Justice
    Graphic Design
    Cosmetology
    Paralegal Studies
    Health Information Management
    Project Management
    Hospitality Management
    Pharmacy Technology
""")
EMPLOYERS: tuple[str, ...] = _lines("""
    Harbor View Dental Group
    Patriot Family Medicine
    Summit Staffing Solutions
    Bluewater Credit Union
    Eagle Ridge Elementary School
    Oak Street Child Development Center
    Riverside Regional Hospital
    Lakeside Accounting Services
    Northgate Retail Co.
    Frontier Logistics LLC
    Maple Leaf Property Management
    Sentinel IT Services
    Coastal Insurance Agency
    Prairie Home Health
    Heritage Hotel and Suites
    Hillcrest Veterinary Clinic
    Pinecone Coffee Roasters
    Garrison Legal Associates
    Canyon Fitness Center
    Main Street Salon
    Independence Call Center
    Willow Creek Pharmacy
    Victory Auto Group
    Liberty Tax Preparers
    Installation Commissary
    Exchange Retail Store
    Child and Youth Services
    Family Readiness Office
    Self-employed
""")
JOB_TITLES: tuple[str, ...] = _lines("""
    Registered Nurse
    Licensed Practical Nurse
    Medical Assistant
    Dental Assistant
    Pharmacy Technician
    Teacher
    Substitute Teacher
    Teacher's Aide
    Child Care Provider
    Administrative Assistant
    Office Manager
    Bookkeeper
    Accountant
    Customer Service Representative
    Retail Sales Associate
    Store Manager
    Bank Teller
    Human Resources Specialist
    Recruiter
    IT Help Desk Technician
    Software Developer
    Graphic Designer
    Social Worker
    Paralegal
    Real Estate Agent
    Hair Stylist
    Fitness Instructor
    Barista
    Server
    Program Coordinator
""")
#: "kind|name|issuer": kind is certificate or license; licenses get an issuing state.
CREDENTIALS: tuple[str, ...] = _lines("""
    license|Registered Nurse|State Board of Nursing
    license|Licensed Practical Nurse|State Board of Nursing
    license|Teaching License|State Department of Education
    license|Cosmetology License|State Board of Cosmetology
    license|Real Estate Salesperson License|State Real Estate Commission
    license|Licensed Clinical Social Worker|State Board of Social Work
    license|Certified Public Accountant|State Board of Accountancy
    license|Dental Hygienist License|State Board of Dentistry
    license|Massage Therapist License|State Board of Massage Therapy
    license|Child Care Provider License|State Department of Human Services
    certificate|Certified Medical Assistant|AAMA
    certificate|Certified Pharmacy Technician|PTCB
    certificate|CompTIA A+|CompTIA
    certificate|CompTIA Security+|CompTIA
    certificate|Project Management Professional|PMI
    certificate|Certified Associate in Project Management|PMI
    certificate|Child Development Associate|Council for Professional Recognition
    certificate|Human Resources Professional|HRCI
    certificate|Certified Bookkeeper|AIPB
    certificate|Phlebotomy Technician|NHA
    certificate|Medical Billing and Coding|AAPC
    certificate|Microsoft Office Specialist|Microsoft
""")
SKILLS: tuple[str, ...] = _lines("""
    Microsoft Excel
    Microsoft Word
    Customer service
    Scheduling
    Bookkeeping
    QuickBooks
    Data entry
    Public speaking
    Event planning
    Social media
    Spanish
    Tagalog
    Korean
    German
    American Sign Language
    Patient care
    Phlebotomy
    Medical coding
    Classroom management
    Grant writing
    Python
    SQL
    Network troubleshooting
    Graphic design
    Project planning
    Team leadership
    Budgeting
    Sales
    Typing (60 wpm)
    CPR and first aid
""")
CAREER_GOALS: tuple[str, ...] = _lines("""
    Finish an associate degree in nursing and work as an LPN at the next duty station.
    Transfer my teaching license to the new state and find a full-time teaching position.
    Move from retail into an entry-level IT help desk role.
    Earn a medical billing and coding certificate and work remotely.
    Find portable work I can keep through PCS moves.
    Start a home-based bookkeeping business.
    Return to the workforce after five years at home with the children.
    Become a licensed real estate agent near the installation.
    Get a federal job through spouse preference.
    Complete a project management certification and move into operations.
    Work part-time in early childhood education while the youngest is in school.
    Build a resume that explains employment gaps from PCS moves.
""")


# --- Casework -------------------------------------------------------------------------------

NOTE_TOPICS: tuple[str, ...] = _lines("""
    Initial intake
    Career exploration
    Resume review
    Interview preparation
    MyCAA application
    MyCAA eligibility question
    Education planning
    License transfer
    MSEP job search
    Federal employment
    Employment readiness
    Follow-up call
    PCS move planning
    Entrepreneurship
""")
NOTE_BODIES: tuple[str, ...] = _lines("""
    Discussed career goals and next steps; spouse will send an updated resume.
    Reviewed resume with spouse; suggested adding volunteer work from the last duty station.
    Explained MyCAA eligibility rules and the documents needed for the education plan.
    Walked through the MSEP job search portal and saved two employer searches.
    Spouse asked about license portability for the next state; sent the state board link.
    Practiced common interview questions; scheduled a mock interview for next week.
    Left a voicemail; will try again in two business days.
    Spouse is PCSing in the spring; discussed employers with remote positions.
    Reviewed the education plan; the school and program are eligible.
    Spouse reports a job offer; congratulated and closed the employment goal.
""")
FOLLOW_UP_DESCRIPTIONS: tuple[str, ...] = _lines("""
    Call back about the resume draft
    Check on the MyCAA education plan approval
    Send the license transfer checklist
    Confirm the mock interview time
    Ask whether the job application was submitted
    Review the updated career goals
    Check in after the PCS move
    Share MSEP employer openings near the new duty station
""")


# --- Shares (weights) of coded values, keyed by the codes stored on disk ----------------------

BRANCH_WEIGHTS: dict[str, int] = {
    "army": 36, "navy": 24, "marine_corps": 13, "air_force": 22, "space_force": 2,
    "coast_guard": 3,
}  # fmt: skip
#: Only the Army and the Air Force have a National Guard; the Space Force has no reserve.
COMPONENT_WEIGHTS: dict[str, dict[str, int]] = {
    "army": {"active_duty": 55, "national_guard": 25, "reserve": 20},
    "air_force": {"active_duty": 65, "national_guard": 20, "reserve": 15},
    "navy": {"active_duty": 85, "reserve": 15},
    "marine_corps": {"active_duty": 85, "reserve": 15},
    "coast_guard": {"active_duty": 85, "reserve": 15},
    "space_force": {"active_duty": 1},
}
#: Share of each pay grade in hundredths of a percent, weighted toward junior enlisted.
GRADE_WEIGHTS: dict[str, int] = {
    "E-1": 200, "E-2": 400, "E-3": 900, "E-4": 1600, "E-5": 1500, "E-6": 1100, "E-7": 700,
    "E-8": 300, "E-9": 100, "W-1": 60, "W-2": 70, "W-3": 50, "W-4": 30, "W-5": 10,
    "O-1": 250, "O-2": 300, "O-3": 700, "O-4": 500, "O-5": 300, "O-6": 150, "O-7": 15,
    "O-8": 10, "O-9": 5, "O-10": 2,
}  # fmt: skip
#: Typical years of service at each pay grade (fewest, most).
YEARS_AT_GRADE: dict[str, tuple[int, int]] = {
    "E-1": (0, 1), "E-2": (0, 2), "E-3": (1, 3), "E-4": (2, 6), "E-5": (4, 10),
    "E-6": (7, 15), "E-7": (12, 20), "E-8": (15, 24), "E-9": (18, 30), "W-1": (3, 10),
    "W-2": (5, 14), "W-3": (10, 20), "W-4": (14, 24), "W-5": (20, 32), "O-1": (0, 2),
    "O-2": (2, 4), "O-3": (4, 10), "O-4": (10, 16), "O-5": (15, 22), "O-6": (20, 28),
    "O-7": (25, 33), "O-8": (27, 35), "O-9": (30, 37), "O-10": (32, 40),
}  # fmt: skip
#: Grades whose spouses get MyCAA awards in the demo (the 2023 expansion's list).
MYCAA_GRADES: tuple[str, ...] = _words("E-1 E-2 E-3 E-4 E-5 E-6 W-1 W-2 O-1 O-2 O-3")
STATUS_WEIGHTS: dict[str, int] = {"serving": 80, "separated": 17, "died_on_active_duty": 3}
#: Guard/Reserve phases while on Title 10 orders, and while not.
PHASE_WEIGHTS_ON_ORDERS: dict[str, int] = {"none": 75, "post_deployment_demobilization": 25}
PHASE_WEIGHTS_OFF_ORDERS: dict[str, int] = {
    "none": 70, "alert_or_warning_order": 15, "transition": 15,
}  # fmt: skip
GENDER_WEIGHTS: dict[str, int] = {"female": 88, "male": 9, "undisclosed": 3}
MILITARY_STATE_WEIGHTS: dict[str, int] = {"AE": 55, "AP": 40, "AA": 5}
EDUCATION_LEVEL_WEIGHTS: dict[str, int] = {
    "high_school": 30, "some_college": 20, "vocational": 8, "associate": 15, "bachelor": 20,
    "master": 6, "doctorate": 1,
}  # fmt: skip
EDUCATION_YEARS: dict[str, int] = {
    "high_school": 4, "some_college": 1, "vocational": 1, "associate": 2, "bachelor": 4,
    "master": 2, "doctorate": 5,
}  # fmt: skip
SKILL_LEVEL_WEIGHTS: dict[str, int] = {
    "beginner": 15, "intermediate": 45, "advanced": 30, "expert": 10,
}  # fmt: skip
AWARD_TYPE_WEIGHTS: dict[str, int] = {"license": 20, "certification": 45, "associate_degree": 35}
CONTACT_TYPE_WEIGHTS: dict[str, int] = {"phone": 55, "email": 20, "chat": 15, "in_person": 10}
#: Real area codes of towns near installations; numbers are always 555-0100..0199 (fiction).
AREA_CODES: tuple[str, ...] = _words("""
    910 252 757 619 760 254 915 210 719 253 360 808 907 912 706 931 270 502 850 904 803 843
    571 703 301 410 402 405 580 505 575 601 228 334 256 520 702 775 801 307 406 701 605 785
    913 573 660 618 315 845 207 603 401 860 302 304 608 787 671
""")
#: Reserved for documentation (RFC 2606), so no demo email can reach anyone.
EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.net", "example.org", "mail.example.com")
